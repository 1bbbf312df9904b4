# log 0.4.1: sourced by programs that use the sample package.
log_version() {
  echo "0.4.1"
}
