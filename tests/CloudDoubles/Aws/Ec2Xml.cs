using System.Xml.Linq;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>EC2's XML answer shapes: elements in the 2016-11-15 namespace, lists as &lt;xSet&gt;&lt;item&gt;…, tags as tagSet.</summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement E(string name, params object?[] content) => new(Ns + name, content.Where(c => c != null));

    /// <summary>An element only when the value is there (EC2 leaves absent fields out).</summary>
    public static XElement? Opt(string name, object? value) => value is null ? null : E(name, value);

    public static XElement Set(string name, IEnumerable<IEnumerable<object?>> items) => E(name, items.Select(i => E("item", i.ToArray())));

    public static XElement Tags(IReadOnlyDictionary<string, string> tags) =>
        Set("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new object?[] { E("key", t.Key), E("value", t.Value) }));

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Time(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    /// <summary>&lt;ActionResponse xmlns=…&gt;&lt;requestId&gt;…&lt;/requestId&gt; members &lt;/ActionResponse&gt;.</summary>
    public static XDocument Response(string action, string requestId, IEnumerable<object?> members) =>
        new(new XDeclaration("1.0", "UTF-8", null), E(action + "Response", new object?[] { E("requestId", requestId) }.Concat(members).ToArray()));

    /// <summary>EC2's error document: Response/Errors/Error/{Code,Message} and RequestID.</summary>
    public static XDocument Error(string code, string message, string requestId) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement("Response", new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))), new XElement("RequestID", requestId)));
}
