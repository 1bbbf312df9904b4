# zlib 1.3.0: sourced by programs that use the sample package.
zlib_version() {
  echo "1.3.0"
}
