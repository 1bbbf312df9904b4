# regex 1.10.0: sourced by programs that use the sample package.
regex_version() {
  echo "1.10.0"
}
