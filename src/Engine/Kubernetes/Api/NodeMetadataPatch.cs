using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes.Api
{
    /// <summary>A taint as the API holds it.</summary>
    public sealed record NodeTaint(string Key, string? Value, string Effect);

    /// <summary>
    /// The JSON merge patch that brings a node's metadata to what MultiCloud wants while leaving everyone else's keys
    /// alone: desired labels and annotations set, the ones MultiCloud set before and no longer wants set to null. Taints
    /// are one list in a merge patch, so the patch carries the whole list: the node's own taints minus the ones
    /// MultiCloud manages (before or now), plus the desired ones.
    /// </summary>
    public static class NodeMetadataPatch
    {
        public static JsonObject Build(IReadOnlyList<NodeTaint> currentTaints, NodeMetadataSpec desired, ManagedMetadata? previous)
        {
            var labels = Map(desired.Labels, previous?.Labels);
            var annotations = Map(desired.Annotations, previous?.Annotations);
            var managedTaints = new HashSet<string>(desired.Taints.Select(t => TaintKey(t.Key, t.Effect.ToString())).Concat(previous?.Taints ?? new string[0]), StringComparer.Ordinal);
            var taints = new JsonArray();
            foreach (var taint in currentTaints.Where(t => !managedTaints.Contains(TaintKey(t.Key, t.Effect))))
                taints.Add(Taint(taint.Key, taint.Value, taint.Effect));
            foreach (var taint in desired.Taints)
                taints.Add(Taint(taint.Key, taint.Value, taint.Effect.ToString()));
            return new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels, ["annotations"] = annotations },
                ["spec"] = new JsonObject { ["taints"] = taints },
            };
        }

        /// <summary>The keys <paramref name="desired"/> manages, as state records them.</summary>
        public static ManagedMetadata Managed(NodeMetadataSpec desired) => new ManagedMetadata
        {
            Labels = desired.Labels.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(),
            Annotations = desired.Annotations.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(),
            Taints = desired.Taints.Select(t => TaintKey(t.Key, t.Effect.ToString())).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList(),
        };

        public static string TaintKey(string key, string effect) => key + ":" + effect;

        private static JsonObject Map(IReadOnlyDictionary<string, string> desired, IReadOnlyList<string>? previous)
        {
            var map = new JsonObject();
            foreach (var key in (previous ?? new string[0]).Where(k => !desired.ContainsKey(k))) map[key] = null;
            foreach (var entry in desired) map[entry.Key] = entry.Value;
            return map;
        }

        private static JsonObject Taint(string key, string? value, string effect)
        {
            var taint = new JsonObject { ["key"] = key, ["effect"] = effect };
            if (value != null) taint["value"] = value;
            return taint;
        }
    }
}
