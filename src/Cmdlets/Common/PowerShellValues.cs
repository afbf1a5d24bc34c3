using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Strips PowerShell's PSObject wrappers from hashtable keys and values, so that the engine (which knows
    /// nothing of PowerShell) sees plain strings, numbers and arrays.
    /// </summary>
    internal static class PowerShellValues
    {
        public static IDictionary? Unwrap(IDictionary? table)
        {
            if (table is null) return null;
            var plain = new Hashtable();
            foreach (DictionaryEntry entry in table)
            {
                plain[Unwrap(entry.Key)!] = Unwrap(entry.Value);
            }
            return plain;
        }

        public static IDictionary[] Unwrap(IDictionary[]? tables) =>
            tables is null ? new IDictionary[0] : tables.Select(t => Unwrap(t)!).ToArray();

        private static object? Unwrap(object? value)
        {
            var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (bare)
            {
                case string _:
                    return bare;
                case IDictionary nested:
                    return Unwrap(nested);
                case IEnumerable items:
                    return items.Cast<object?>().Select(Unwrap).ToArray();
                default:
                    return bare;
            }
        }
    }
}
