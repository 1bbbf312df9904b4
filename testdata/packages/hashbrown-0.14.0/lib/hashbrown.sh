# hashbrown 0.14.0: sourced by programs that use the sample package.
hashbrown_version() {
  echo "0.14.0"
}
