# websocket 0.21.0: sourced by programs that use the sample package.
websocket_version() {
  echo "0.21.0"
}
