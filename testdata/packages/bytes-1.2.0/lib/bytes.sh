# bytes 1.2.0: sourced by programs that use the sample package.
bytes_version() {
  echo "1.2.0"
}
