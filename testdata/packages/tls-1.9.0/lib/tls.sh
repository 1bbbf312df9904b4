# tls 1.9.0: sourced by programs that use the sample package.
tls_version() {
  echo "1.9.0"
}
