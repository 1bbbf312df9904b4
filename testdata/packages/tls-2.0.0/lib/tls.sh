# tls 2.0.0: sourced by programs that use the sample package.
tls_version() {
  echo "2.0.0"
}
