using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// The <c>properties</c> of each resource MultiCloud makes, as the ARM REST reference describes them (Microsoft.Network
    /// 2024-05-01, Microsoft.Compute 2024-11-01). Only what the cluster needs is set; ARM fills in the rest.
    /// </summary>
    internal static class AzureResourceBodies
    {
        /// <summary>The cluster's private network in a region; nodes talk over WireGuard on their public addresses, so it stays small.</summary>
        public const string NetworkCidr = "10.99.0.0/16";
        public const string SubnetCidr = "10.99.0.0/18";
        public const string SubnetName = "nodes";
        private const int FirstRulePriority = 1000;
        private const int LastRulePriority = 4096;

        public static BinaryData VirtualNetwork() => Json(new JsonObject
        {
            ["addressSpace"] = new JsonObject { ["addressPrefixes"] = new JsonArray(NetworkCidr) },
            ["subnets"] = new JsonArray(new JsonObject
            {
                ["name"] = SubnetName,
                ["properties"] = new JsonObject { ["addressPrefix"] = SubnetCidr },
            }),
        });

        public static BinaryData SecurityGroup(IReadOnlyList<FirewallRule> rules) =>
            Json(new JsonObject { ["securityRules"] = new JsonArray(SecurityRules(rules).Select(r => (JsonNode)r).ToArray()) });

        /// <summary>One inbound allow rule per firewall rule, priorities in request order; Azure's default rules deny the rest.</summary>
        private static IEnumerable<JsonObject> SecurityRules(IReadOnlyList<FirewallRule> rules)
        {
            if (FirstRulePriority + rules.Count > LastRulePriority) throw new ArgumentException($"{rules.Count} firewall rules do not fit one Azure network security group");
            return rules.Select((rule, index) =>
            {
                var properties = new JsonObject
                {
                    ["description"] = rule.Description,
                    ["protocol"] = rule.Protocol == FirewallProtocol.Tcp ? "Tcp" : "Udp",
                    ["sourcePortRange"] = "*",
                    ["destinationPortRange"] = rule.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["destinationAddressPrefix"] = "*",
                    ["access"] = "Allow",
                    ["priority"] = FirstRulePriority + index,
                    ["direction"] = "Inbound",
                };
                if (rule.Sources.Count == 1) properties["sourceAddressPrefix"] = rule.Sources[0];
                else properties["sourceAddressPrefixes"] = new JsonArray(rule.Sources.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
                return new JsonObject { ["name"] = $"mc-{index + 1}-{properties["protocol"]}-{rule.Port}".ToLowerInvariant(), ["properties"] = properties };
            });
        }

        /// <summary>The rules of an existing group, reduced to what MultiCloud sets, to see whether they need an update.</summary>
        public static IReadOnlyList<string> RuleFingerprints(BinaryData? properties)
        {
            var result = new List<string>();
            if (properties is null) return result;
            var node = JsonNode.Parse(properties.ToString());
            if (node?["securityRules"] is not JsonArray rules) return result;
            foreach (var rule in rules.OfType<JsonObject>()) result.Add(Fingerprint(rule));
            return result;
        }

        public static IReadOnlyList<string> RuleFingerprints(IReadOnlyList<FirewallRule> rules) => SecurityRules(rules).Select(Fingerprint).ToList();

        private static string Fingerprint(JsonObject rule)
        {
            var p = rule["properties"] as JsonObject ?? new JsonObject();
            string Text(string name) => p[name]?.ToString() ?? "";
            var sources = p["sourceAddressPrefixes"] is JsonArray many && many.Count > 0
                ? string.Join(",", many.Select(s => s?.ToString()))
                : Text("sourceAddressPrefix");
            return string.Join("|", rule["name"]?.ToString(), Text("priority"), Text("direction"), Text("access"), Text("protocol"), Text("destinationPortRange"), sources);
        }

        public static BinaryData PublicAddress() => Json(new JsonObject
        {
            ["publicIPAllocationMethod"] = "Static",
            ["publicIPAddressVersion"] = "IPv4",
        });

        public static BinaryData NetworkInterface(string subnetId, string publicAddressId, string securityGroupId) => Json(new JsonObject
        {
            ["ipConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "primary",
                ["properties"] = new JsonObject
                {
                    ["primary"] = true,
                    ["privateIPAllocationMethod"] = "Dynamic",
                    ["subnet"] = new JsonObject { ["id"] = subnetId },
                    ["publicIPAddress"] = new JsonObject { ["id"] = publicAddressId },
                },
            }),
            ["networkSecurityGroup"] = new JsonObject { ["id"] = securityGroupId },
        });

        public static BinaryData VirtualMachine(MachineRequest request, AzureImage image, string diskName, string nicId)
        {
            var osDisk = new JsonObject
            {
                ["name"] = diskName,
                ["createOption"] = "FromImage",
                ["deleteOption"] = "Delete",
                ["managedDisk"] = new JsonObject { ["storageAccountType"] = "StandardSSD_LRS" },
            };
            if (request.DiskSizeGb is int size) osDisk["diskSizeGB"] = size;
            return Json(new JsonObject
            {
                ["hardwareProfile"] = new JsonObject { ["vmSize"] = request.ServerType },
                ["storageProfile"] = new JsonObject
                {
                    ["imageReference"] = new JsonObject { ["publisher"] = image.Publisher, ["offer"] = image.Offer, ["sku"] = image.Sku, ["version"] = image.Version },
                    ["osDisk"] = osDisk,
                },
                ["osProfile"] = new JsonObject
                {
                    ["computerName"] = request.NodeName,
                    ["adminUsername"] = request.AdminUser,
                    ["customData"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.UserData)),
                    ["linuxConfiguration"] = new JsonObject
                    {
                        ["disablePasswordAuthentication"] = true,
                        ["ssh"] = new JsonObject
                        {
                            ["publicKeys"] = new JsonArray(new JsonObject
                            {
                                ["path"] = $"/home/{request.AdminUser}/.ssh/authorized_keys",
                                ["keyData"] = request.SshPublicKey,
                            }),
                        },
                    },
                },
                ["networkProfile"] = new JsonObject
                {
                    ["networkInterfaces"] = new JsonArray(new JsonObject
                    {
                        ["id"] = nicId,
                        ["properties"] = new JsonObject { ["primary"] = true, ["deleteOption"] = "Delete" },
                    }),
                },
            });
        }

        /// <summary>The top-level <c>zones</c> of a VM or public IP, which generic resource data has no field for.</summary>
        public static ArmRequestAdditions.Addition? Zones(string? zone) => zone is null ? null : new ArmRequestAdditions.Addition
        {
            BodyProperties = new Dictionary<string, JsonNode> { ["zones"] = new JsonArray(zone) },
        };

        public static string? Text(BinaryData? properties, params string[] path)
        {
            if (properties is null) return null;
            JsonNode? node = JsonNode.Parse(properties.ToString());
            foreach (var step in path) node = node?[step];
            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
        }

        private static BinaryData Json(JsonObject body) => BinaryData.FromString(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
