#!/usr/bin/python3
"""Trains the bundled example: a small CNN that reads 8x8 handwritten digits.

Data: scikit-learn's bundled `digits` set (1,797 images of 8x8 pixels, 16 grey levels). The first
1,500 images train the net for a few seconds on CPU; the rest are held out, and eight of them become
test_data_set_0 with torch's outputs. Run with Debian's packages:
  apt-get install python3-torch python3-onnx python3-sklearn && /usr/bin/python3 make_model.py
"""
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from sklearn.datasets import load_digits

torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))

digits = load_digits()
x = torch.tensor(digits.images / 16.0, dtype=torch.float32).unsqueeze(1)  # [N, 1, 8, 8] in [0, 1]
y = torch.tensor(digits.target)
train_x, train_y, test_x, test_y = x[:1500], y[:1500], x[1500:], y[1500:]

net = torch.nn.Sequential(
    torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),   # 8x4x4
    torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),  # 16x2x2
    torch.nn.Flatten(), torch.nn.Linear(64, 10),
)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for epoch in range(40):
    for i in range(0, 1500, 100):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(train_x[i:i + 100]), train_y[i:i + 100])
        loss.backward()
        opt.step()
net.eval()
with torch.no_grad():
    accuracy = (net(test_x).argmax(1) == test_y).float().mean().item()
print(f"held-out accuracy: {accuracy:.3f} on {len(test_y)} images")

sample = test_x[:8]
torch.onnx.export(net, sample, os.path.join(here, "model.onnx"), opset_version=13,
                  input_names=["image"], output_names=["logits"],
                  dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
onnx.checker.check_model(onnx.load(os.path.join(here, "model.onnx")), full_check=True)

data = os.path.join(here, "test_data_set_0")
os.makedirs(data, exist_ok=True)
with torch.no_grad():
    logits = net(sample).numpy()
with open(os.path.join(data, "input_0.pb"), "wb") as f:
    f.write(numpy_helper.from_array(sample.numpy(), "image").SerializeToString())
with open(os.path.join(data, "output_0.pb"), "wb") as f:
    f.write(numpy_helper.from_array(logits, "logits").SerializeToString())
print("labels of the 8 test images:", test_y[:8].tolist())
print("torch predictions:          ", logits.argmax(1).tolist())
