# db 0.8.4: sourced by programs that use the sample package.
db_version() {
  echo "0.8.4"
}
