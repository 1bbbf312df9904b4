# tls 1.8.0: sourced by programs that use the sample package.
tls_version() {
  echo "1.8.0"
}
