# db 0.9.0: sourced by programs that use the sample package.
db_version() {
  echo "0.9.0"
}
