# percent-encoding 2.2.0: sourced by programs that use the sample package.
percent_encoding_version() {
  echo "2.2.0"
}
