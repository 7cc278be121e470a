"""The Telegram face: python-telegram-bot application, handlers, rendering and its store."""
