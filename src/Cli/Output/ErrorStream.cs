using System;
using System.IO;
using MultiCloud.Engine;

namespace MultiCloud.Cli.Output
{
    /// <summary>
    /// Standard error, serialized: engine events and log lines arrive from worker threads. On a terminal it also
    /// keeps one live status line at the bottom, cleared before each ordinary line and drawn again after it.
    /// </summary>
    public sealed class ErrorStream
    {
        private readonly TextWriter _writer;
        private readonly Func<int> _width;
        private readonly object _gate = new object();
        private string _status = "";
        private int _drawnLength;

        public ErrorStream(TextWriter writer, bool isInteractive, Func<int> width)
        {
            _writer = writer;
            _width = width;
            IsInteractive = isInteractive;
        }

        /// <summary>The underlying writer, for library code that insists on a TextWriter; not serialized.</summary>
        public TextWriter Writer => _writer;

        /// <summary>True on a terminal; false when stderr goes to a file or a CI log.</summary>
        public bool IsInteractive { get; }

        /// <summary>Writes a line; control characters in it are escaped, so no value it quotes can steer the terminal.</summary>
        public void WriteLine(string line)
        {
            lock (_gate)
            {
                EraseStatus();
                _writer.WriteLine(DisplayText.Escape(line, keepLineBreaks: true));
                DrawStatus();
                _writer.Flush();
            }
        }

        /// <summary>Writes without a line end (a prompt); the status line is dropped first so the prompt stands alone.</summary>
        public void WritePrompt(string text)
        {
            lock (_gate)
            {
                EraseStatus();
                _status = "";
                _writer.Write(DisplayText.Escape(text));
                _writer.Flush();
            }
        }

        /// <summary>Replaces the live status line; ignored when stderr is not a terminal.</summary>
        public void SetStatus(string status)
        {
            if (!IsInteractive) return;
            lock (_gate)
            {
                EraseStatus();
                _status = Fit(DisplayText.Escape(status));
                DrawStatus();
                _writer.Flush();
            }
        }

        public void ClearStatus() => SetStatus("");

        private string Fit(string text)
        {
            var room = Math.Max(_width() - 1, 10);
            return text.Length <= room ? text : text.Substring(0, room - 3) + "...";
        }

        private void EraseStatus()
        {
            if (_drawnLength == 0) return;
            _writer.Write('\r');
            _writer.Write(new string(' ', _drawnLength));
            _writer.Write('\r');
            _drawnLength = 0;
        }

        private void DrawStatus()
        {
            if (_status.Length == 0) return;
            _writer.Write(_status);
            _drawnLength = _status.Length;
        }
    }
}
