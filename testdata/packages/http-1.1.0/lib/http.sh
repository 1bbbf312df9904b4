# http 1.1.0: sourced by programs that use the sample package.
http_version() {
  echo "1.1.0"
}
