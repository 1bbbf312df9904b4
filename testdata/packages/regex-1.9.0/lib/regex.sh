# regex 1.9.0: sourced by programs that use the sample package.
regex_version() {
  echo "1.9.0"
}
