using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Definitions that references find by name; a second definition of a name is reported and never found.</summary>
    internal sealed class NameIndex<T>
    {
        private readonly Dictionary<string, T> _byName = new Dictionary<string, T>();
        private readonly string _what;

        public NameIndex(IEnumerable<T> items, Func<T, Located<string>> nameOf, string what, ImportContext context)
        {
            _what = what;
            var first = new Dictionary<string, Located<string>>();
            foreach (var item in items)
            {
                var name = nameOf(item);
                if (name.Value.Length == 0) continue;
                if (first.TryGetValue(name.Value, out var earlier))
                {
                    context.Report(name, what + " name '" + name.Value + "' is already used at line " + earlier.Location.Line.ToString(CultureInfo.InvariantCulture) + " (" + earlier.Path + ")",
                        "a name no other " + what + " uses");
                    continue;
                }
                first[name.Value] = name;
                _byName[name.Value] = item;
            }
        }

        public IEnumerable<string> Names => _byName.Keys;

        public bool TryFind(string name, out T item) => _byName.TryGetValue(name, out item!);

        /// <summary>Reports a reference to a name that no definition has, with the closest name as a hint.</summary>
        public void ReportMissing(Located<string> reference, ImportContext context)
        {
            var suggestion = NameSuggestion.Closest(reference.Value, _byName.Keys);
            var names = _byName.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
            context.Report(reference,
                _what + " '" + reference.Value + "' is not defined" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?"),
                names.Count == 0 ? "(none defined)" : string.Join(", ", names));
        }
    }
}
