# zlib 1.2.0: sourced by programs that use the sample package.
zlib_version() {
  echo "1.2.0"
}
