# url 2.3.0: sourced by programs that use the sample package.
url_version() {
  echo "2.3.0"
}
