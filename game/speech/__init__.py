"""Alert voice: Korean/English text normalisation (pure) and a spawn-started pyttsx3/espeak-ng worker that writes
cached WAV files without ever blocking a frame (:class:`game.speech.service.SpeechService`)."""
