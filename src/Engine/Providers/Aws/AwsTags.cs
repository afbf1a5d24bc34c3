using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Tags as EC2 takes them: always in the create call's TagSpecifications, so nothing MultiCloud makes exists untagged
    /// even for a moment (a crash between a create and a CreateTags would leave a resource no search finds). "Name" is
    /// what the AWS console shows.
    /// </summary>
    internal static class AwsTags
    {
        public const string NameKey = "Name";

        public static List<TagSpecification> Specification(ResourceType type, string name, ClusterIdentity cluster, string? pool = null, string? node = null) =>
            new List<TagSpecification> { new TagSpecification { ResourceType = type, Tags = Tags(name, cluster, pool, node) } };

        public static List<Tag> Tags(string name, ClusterIdentity cluster, string? pool = null, string? node = null)
        {
            var tags = ResourceTags.For(cluster, pool, node).Select(t => new Tag(t.Key, t.Value)).ToList();
            tags.Add(new Tag(NameKey, name));
            return tags;
        }

        /// <summary>Filters that find only this cluster's resources (and, given, only one pool's or node's).</summary>
        public static List<Filter> OwnedBy(ClusterIdentity cluster, string? node = null)
        {
            var filters = new List<Filter> { new Filter("tag:" + ResourceTags.ClusterId, new List<string> { cluster.Id }) };
            if (node != null) filters.Add(new Filter("tag:" + ResourceTags.Node, new List<string> { node }));
            return filters;
        }

        public static IReadOnlyDictionary<string, string> ToDictionary(IEnumerable<Tag>? tags) =>
            (tags ?? Enumerable.Empty<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value);

        public static string? Value(IEnumerable<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;
    }
}
