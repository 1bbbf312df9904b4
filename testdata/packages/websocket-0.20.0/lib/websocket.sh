# websocket 0.20.0: sourced by programs that use the sample package.
websocket_version() {
  echo "0.20.0"
}
