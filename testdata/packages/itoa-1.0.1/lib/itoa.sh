# itoa 1.0.1: sourced by programs that use the sample package.
itoa_version() {
  echo "1.0.1"
}
