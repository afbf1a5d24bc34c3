using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiCloud.Cli.Output
{
    /// <summary>The one JSON dialect of the host: camelCase names, enums as their names, indented.</summary>
    public static class JsonOutput
    {
        public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
            // Plans and messages hold quotes, '<' and '+' that need no escaping in a terminal or a file.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static void Write<T>(TextWriter output, T document)
        {
            output.WriteLine(JsonSerializer.Serialize(document, Options));
            output.Flush();
        }
    }
}
