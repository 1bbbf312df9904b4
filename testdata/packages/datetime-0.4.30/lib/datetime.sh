# datetime 0.4.30: sourced by programs that use the sample package.
datetime_version() {
  echo "0.4.30"
}
