# regex-syntax 0.7.0: sourced by programs that use the sample package.
regex_syntax_version() {
  echo "0.7.0"
}
