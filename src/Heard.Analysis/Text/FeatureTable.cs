using System.Runtime.CompilerServices;

namespace Heard.Analysis.Text;

/// <summary>
/// Maps the hashes of features seen in training to their row in the weight matrix; anything else is unknown (-1).
/// Open addressing with linear probing over a power-of-two table at most half full, so a lookup is one or two
/// cache lines.
/// </summary>
public sealed class FeatureTable
{
    private readonly uint[] _keys;
    private readonly int[] _rows;
    private readonly int _mask;

    public FeatureTable(IReadOnlyList<uint> hashes)
    {
        var capacity = 16;
        while (capacity < hashes.Count * 2) capacity <<= 1;
        _keys = new uint[capacity];
        _rows = new int[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < hashes.Count; i++)
        {
            var h = hashes[i];
            if (h == 0) throw new ArgumentException("feature hash 0 is reserved for empty slots", nameof(hashes));
            var slot = (int)(Mix(h) & (uint)_mask);
            while (_keys[slot] != 0)
            {
                if (_keys[slot] == h) throw new ArgumentException($"feature hash {h} appears twice", nameof(hashes));
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = h;
            _rows[slot] = i;
        }
        Count = hashes.Count;
    }

    public int Count { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint h) => h * 0x9E3779B1u >> 7 ^ h;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowOf(uint hash)
    {
        var slot = (int)(Mix(hash) & (uint)_mask);
        while (true)
        {
            var k = _keys[slot];
            if (k == hash) return _rows[slot];
            if (k == 0) return -1;
            slot = (slot + 1) & _mask;
        }
    }
}
