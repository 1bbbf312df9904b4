# regex-syntax 0.8.2: sourced by programs that use the sample package.
regex_syntax_version() {
  echo "0.8.2"
}
