# http 1.3.0: sourced by programs that use the sample package.
http_version() {
  echo "1.3.0"
}
