# http 1.2.2: sourced by programs that use the sample package.
http_version() {
  echo "1.2.2"
}
