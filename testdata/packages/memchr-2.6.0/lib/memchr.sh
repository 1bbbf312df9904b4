# memchr 2.6.0: sourced by programs that use the sample package.
memchr_version() {
  echo "2.6.0"
}
