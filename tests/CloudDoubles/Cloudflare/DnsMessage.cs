using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace MultiCloud.CloudDoubles.Cloudflare;

/// <summary>One question of a DNS message (RFC 1035 §4.1.2): the name asked for and the record type (1 = A, 28 = AAAA).</summary>
public sealed record DnsQuestion(ushort Id, bool RecursionDesired, string Name, ushort Type, ushort Class);

/// <summary>
/// The part of the DNS wire format (RFC 1035 §4) the name server double and its resolver need: a query with one
/// question, and an answer of A/AAAA records for that question. Compressed names are read (pointers, §4.1.4); answers
/// point back at the question's name.
/// </summary>
public static class DnsMessage
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort ClassIn = 1;
    public const int NoError = 0;
    public const int FormatError = 1;
    public const int NameError = 3;
    public const int Refused = 5;
    private const int HeaderLength = 12;

    /// <summary>A standard query for one name and type, recursion desired (as a stub resolver sends it).</summary>
    public static byte[] Query(ushort id, string name, ushort type)
    {
        var message = new List<byte>(HeaderLength + name.Length + 6);
        message.AddRange(Header(id, flags: 0x0100, questions: 1, answers: 0));
        message.AddRange(Name(name));
        message.AddRange(UInt16(type));
        message.AddRange(UInt16(ClassIn));
        return message.ToArray();
    }

    /// <summary>The question of a query, or null when the message is no standard query with exactly one question.</summary>
    public static DnsQuestion? ReadQuestion(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength) return null;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var isQuery = (flags & 0x8000) == 0 && ((flags >> 11) & 0xF) == 0;
        if (!isQuery || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) != 1) return null;
        var offset = HeaderLength;
        var name = ReadName(message, ref offset);
        if (name is null || offset + 4 > message.Length) return null;
        return new DnsQuestion(BinaryPrimitives.ReadUInt16BigEndian(message), (flags & 0x0100) != 0, name,
            BinaryPrimitives.ReadUInt16BigEndian(message[offset..]), BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]));
    }

    /// <summary>The answer to <paramref name="question"/>: the response code, authoritative or not, and its address records.</summary>
    public static byte[] Answer(DnsQuestion question, int responseCode, bool authoritative, IReadOnlyList<IPAddress> addresses, int ttl)
    {
        var flags = (ushort)(0x8000 | (authoritative ? 0x0400 : 0) | (question.RecursionDesired ? 0x0100 : 0) | responseCode);
        var message = new List<byte>();
        message.AddRange(Header(question.Id, flags, questions: 1, answers: (ushort)addresses.Count));
        message.AddRange(Name(question.Name));
        message.AddRange(UInt16(question.Type));
        message.AddRange(UInt16(question.Class));
        foreach (var address in addresses)
        {
            var data = address.GetAddressBytes();
            message.AddRange(new byte[] { 0xC0, HeaderLength });
            message.AddRange(UInt16(data.Length == 4 ? TypeA : TypeAaaa));
            message.AddRange(UInt16(ClassIn));
            var ttlBytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(ttlBytes, ttl);
            message.AddRange(ttlBytes);
            message.AddRange(UInt16((ushort)data.Length));
            message.AddRange(data);
        }
        return message.ToArray();
    }

    /// <summary>The response code and the A/AAAA addresses of an answer to the query with <paramref name="id"/>.</summary>
    public static (int ResponseCode, IReadOnlyList<IPAddress> Addresses) ReadAnswer(ReadOnlySpan<byte> message, ushort id)
    {
        if (message.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(message) != id)
            throw new InvalidDataException("not the answer to DNS query " + id);
        var responseCode = BinaryPrimitives.ReadUInt16BigEndian(message[2..]) & 0xF;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var offset = HeaderLength;
        for (var i = 0; i < questions; i++)
        {
            _ = ReadName(message, ref offset) ?? throw new InvalidDataException("a DNS question name is malformed");
            offset += 4;
        }
        var addresses = new List<IPAddress>();
        for (var i = 0; i < answers; i++)
        {
            _ = ReadName(message, ref offset) ?? throw new InvalidDataException("a DNS answer name is malformed");
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
            offset += 10;
            if ((type == TypeA && length == 4) || (type == TypeAaaa && length == 16)) addresses.Add(new IPAddress(message.Slice(offset, length)));
            offset += length;
        }
        return (responseCode, addresses);
    }

    private static byte[] Header(ushort id, ushort flags, ushort questions, ushort answers) =>
        UInt16(id).Concat(UInt16(flags)).Concat(UInt16(questions)).Concat(UInt16(answers)).Concat(new byte[4]).ToArray();

    private static byte[] UInt16(ushort value) => new[] { (byte)(value >> 8), (byte)value };

    private static byte[] UInt16(int value) => UInt16((ushort)value);

    private static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var text = Encoding.ASCII.GetBytes(label);
            if (text.Length > 63) throw new ArgumentException("a DNS label is longer than 63 characters: " + label, nameof(name));
            bytes.Add((byte)text.Length);
            bytes.AddRange(text);
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    /// <summary>A possibly compressed name at <paramref name="offset"/>, which moves past it; null when malformed.</summary>
    private static string? ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 64; hops++)
        {
            if (position >= message.Length) return null;
            var length = message[position];
            if (length == 0)
            {
                if (!jumped) offset = position + 1;
                return string.Join('.', labels);
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length) return null;
                if (!jumped) offset = position + 2;
                position = ((length & 0x3F) << 8) | message[position + 1];
                jumped = true;
                continue;
            }
            if (position + 1 + length > message.Length) return null;
            labels.Add(Encoding.ASCII.GetString(message.Slice(position + 1, length)));
            position += 1 + length;
        }
        return null;
    }
}
