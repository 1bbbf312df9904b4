# log 0.4.0: sourced by programs that use the sample package.
log_version() {
  echo "0.4.0"
}
