"""Independent numpy reference of the PAT encoder forward pass (float64), for the forward-pass fixture.

Reads a Keras 2 PAT weights file with h5py by its exact layer paths, and applies the equations the way Keras does:
  tokens = reshape(x, [N, P]) @ W_patch + b_patch + PE,  PE = concat(sin(pos * w), cos(pos * w)),  w_k = 10000^(-2k/96)
  per block: MultiHeadAttention(num_heads=H, key_dim=96) via einsum on the (96, H, 96) kernels; query scaled by 1/sqrt(96);
             out1 = LayerNorm(t + attn), out2 = LayerNorm(out1 + Dense(96)(relu(Dense(256)(out1)))), epsilon 1e-6
  embedding = mean over tokens; attention profile = last block's softmax summed over queries, averaged over heads.

usage: reference_forward.py WEIGHTS.h5 INPUT.json OUTPUT.json
"""
import json
import sys

import h5py
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-6):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def positional(num_patches, dim):
    pos = np.arange(num_patches, dtype=np.float64)[:, None]
    omega = np.exp(-np.log(10000.0) * np.arange(0, dim, 2, dtype=np.float64) / dim)[None, :]
    return np.concatenate([np.sin(pos * omega), np.cos(pos * omega)], axis=-1)


def main(weights_path, input_path, output_path):
    f = h5py.File(weights_path, 'r')
    g = lambda path: np.asarray(f[path][()], dtype=np.float64)
    w_patch, b_patch = g('dense/dense/kernel:0'), g('dense/dense/bias:0')
    patch = w_patch.shape[0]
    layers = sorted(int(name.split('_')[2]) for name in f.keys() if name.startswith('encoder_layer_'))
    x = np.asarray(json.load(open(input_path)), dtype=np.float64)
    n = x.shape[0] // patch
    t = x.reshape(n, patch) @ w_patch + b_patch + positional(n, w_patch.shape[1])
    attention = None
    for i in layers:
        root = f'encoder_layer_{i}_transformer/encoder_layer_{i}'
        att = lambda name: (g(f'{root}_attention/{name}/kernel:0'), g(f'{root}_attention/{name}/bias:0'))
        (wq, bq), (wk, bk), (wv, bv), (wo, bo) = att('query'), att('key'), att('value'), att('attention_output')
        q = np.einsum('td,dhk->thk', t, wq) + bq
        k = np.einsum('td,dhk->thk', t, wk) + bk
        v = np.einsum('td,dhk->thk', t, wv) + bv
        q = q / np.sqrt(wq.shape[2])
        scores = np.einsum('qhk,shk->hqs', q, k)
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs = probs / probs.sum(axis=-1, keepdims=True)
        heads = np.einsum('hqs,shk->qhk', probs, v)
        attn = np.einsum('qhk,hkd->qd', heads, wo) + bo
        out1 = layer_norm(t + attn, g(f'{root}_norm1/gamma:0'), g(f'{root}_norm1/beta:0'))
        hidden = np.maximum(out1 @ g(f'{root}_ff1/kernel:0') + g(f'{root}_ff1/bias:0'), 0.0)
        ff = hidden @ g(f'{root}_ff2/kernel:0') + g(f'{root}_ff2/bias:0')
        t = layer_norm(out1 + ff, g(f'{root}_norm2/gamma:0'), g(f'{root}_norm2/beta:0'))
        attention = probs.sum(axis=1).mean(axis=0)
    result = {
        'reference': 'scripts/pat/reference_forward.py (numpy %s, h5py %s)' % (np.__version__, h5py.__version__),
        'patch_size': int(patch),
        'num_patches': int(n),
        'num_layers': len(layers),
        'num_heads': int(wq.shape[1]),
        'input_sum': float(x.sum()),
        'embedding': [float(v) for v in t.mean(axis=0)],
        'first_token': [float(v) for v in t[0]],
        'attention_per_token': [float(v) for v in attention],
    }
    with open(output_path, 'w') as out:
        json.dump(result, out)


if __name__ == '__main__':
    main(*sys.argv[1:4])
