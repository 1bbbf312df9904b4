# tls 2.1.0: sourced by programs that use the sample package.
tls_version() {
  echo "2.1.0"
}
