# toml 0.7.0: sourced by programs that use the sample package.
toml_version() {
  echo "0.7.0"
}
