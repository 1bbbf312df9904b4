# percent-encoding 2.3.0: sourced by programs that use the sample package.
percent_encoding_version() {
  echo "2.3.0"
}
