# bytes 1.0.0: sourced by programs that use the sample package.
bytes_version() {
  echo "1.0.0"
}
