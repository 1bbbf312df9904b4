# http 2.0.0-alpha.1: sourced by programs that use the sample package.
http_version() {
  echo "2.0.0-alpha.1"
}
