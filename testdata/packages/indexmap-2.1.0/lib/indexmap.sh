# indexmap 2.1.0: sourced by programs that use the sample package.
indexmap_version() {
  echo "2.1.0"
}
