using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MultiCloud.Cli.Output
{
    /// <summary>Left-aligned columns separated by two spaces, header first; empty cells print as "-".</summary>
    public sealed class TextTable
    {
        private readonly string[] _headers;
        private readonly List<string[]> _rows = new List<string[]>();

        public TextTable(params string[] headers) => _headers = headers;

        public void Add(params string?[] cells)
        {
            if (cells.Length != _headers.Length) throw new ArgumentException("a row needs one cell per column", nameof(cells));
            _rows.Add(cells.Select(c => string.IsNullOrEmpty(c) ? "-" : c!).ToArray());
        }

        public void Write(TextWriter output)
        {
            var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
            WriteRow(output, _headers, widths);
            foreach (var row in _rows) WriteRow(output, row, widths);
            output.Flush();
        }

        private static void WriteRow(TextWriter output, string[] cells, int[] widths)
        {
            var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", padded).TrimEnd());
        }
    }
}
