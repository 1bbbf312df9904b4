# db 0.7.0: sourced by programs that use the sample package.
db_version() {
  echo "0.7.0"
}
