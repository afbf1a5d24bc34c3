namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>One kind of object the API double serves: where it lives in the URL space and in etcd.</summary>
public sealed record ResourceType(
    string Group, string Version, string Kind, string Plural, string Singular, bool Namespaced,
    string[] ShortNames, string EtcdPrefix, bool HasStatus = false, string[]? Subresources = null)
{
    public static readonly string[] AllVerbs = { "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch" };

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>etcd key of one object (kube-apiserver's layout: /registry/[group/]resource/[namespace/]name).</summary>
    public string Key(string? ns, string name) => Namespaced ? $"{EtcdPrefix}{ns}/{name}" : $"{EtcdPrefix}{name}";

    /// <summary>etcd prefix of a list: every namespace, or one.</summary>
    public string ListPrefix(string? ns) => Namespaced && ns != null ? $"{EtcdPrefix}{ns}/" : EtcdPrefix;

    /// <summary>"pods", "configmaps", ... or "widgets.example.com" for a group's resource in messages.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}

/// <summary>The built-in kinds the engine and kubectl use here. Custom resources come from CRDs at run time.</summary>
public static class BuiltinResources
{
    public static readonly IReadOnlyList<ResourceType> All = new[]
    {
        new ResourceType("", "v1", "Namespace", "namespaces", "namespace", false, new[] { "ns" }, "/registry/namespaces/", HasStatus: true),
        new ResourceType("", "v1", "Node", "nodes", "node", false, new[] { "no" }, "/registry/minions/", HasStatus: true),
        new ResourceType("", "v1", "Pod", "pods", "pod", true, new[] { "po" }, "/registry/pods/", HasStatus: true, Subresources: new[] { "eviction" }),
        new ResourceType("", "v1", "Secret", "secrets", "secret", true, Array.Empty<string>(), "/registry/secrets/"),
        new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap", true, new[] { "cm" }, "/registry/configmaps/"),
        new ResourceType("", "v1", "Service", "services", "service", true, new[] { "svc" }, "/registry/services/specs/", HasStatus: true),
        new ResourceType("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true, new[] { "sa" }, "/registry/serviceaccounts/"),
        new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints", true, new[] { "ep" }, "/registry/services/endpoints/"),
        new ResourceType("", "v1", "Event", "events", "event", true, new[] { "ev" }, "/registry/events/"),
        new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, Array.Empty<string>(), "/registry/leases/"),
        new ResourceType("storage.k8s.io", "v1", "StorageClass", "storageclasses", "storageclass", false, new[] { "sc" }, "/registry/storageclasses/"),
        new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false,
            new[] { "crd", "crds" }, "/registry/apiextensions.k8s.io/customresourcedefinitions/", HasStatus: true),
        new ResourceType("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget", true, new[] { "pdb" },
            "/registry/poddisruptionbudgets/", HasStatus: true),
        new ResourceType("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", "certificatesigningrequest", false,
            new[] { "csr" }, "/registry/certificatesigningrequests/", HasStatus: true, Subresources: new[] { "approval" }),
        new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", "clusterrole", false, Array.Empty<string>(), "/registry/clusterroles/"),
        new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", false, Array.Empty<string>(), "/registry/clusterrolebindings/"),
        new ResourceType("rbac.authorization.k8s.io", "v1", "Role", "roles", "role", true, Array.Empty<string>(), "/registry/roles/"),
        new ResourceType("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", "rolebinding", true, Array.Empty<string>(), "/registry/rolebindings/"),
        new ResourceType("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, new[] { "ds" }, "/registry/daemonsets/", HasStatus: true),
        new ResourceType("apps", "v1", "Deployment", "deployments", "deployment", true, new[] { "deploy" }, "/registry/deployments/", HasStatus: true),
        new ResourceType("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", "priorityclass", false, new[] { "pc" }, "/registry/priorityclasses/"),
    };
}
