"""Writes src/test/resources/sgd/*.npy: what torch.optim.SGD(lr=0.1, momentum=0.9, weight_decay=0.01) does to a
small network over 6 steps, and the loss it reports at each, as the reference for the trainer's SGD updater. Run from the repository
root with Debian's python3-torch: /usr/bin/python3 trainer/src/test/python/make_sgd_fixture.py
"""
import numpy as np
import torch
from torch import nn

torch.manual_seed(3)
model = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))
x = torch.randn(6, 8, 4)                    # 6 steps of batch 8
y = torch.randint(0, 3, (6, 8))
initial = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
loss_fn = nn.CrossEntropyLoss()
losses = []
for step in range(6):
    optimizer.zero_grad()
    loss = loss_fn(model(x[step]), y[step])  # the criterion alone: weight decay is not part of the loss
    losses.append(loss.item())
    loss.backward()
    optimizer.step()
final = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
arrays = {"x": x.numpy(), "y": y.numpy().astype(np.float32), "loss": np.array(losses)}
for k, v in initial.items():
    arrays["initial." + k] = v
for k, v in final.items():
    arrays["final." + k] = v
for name, value in arrays.items():
    np.save(f"trainer/src/test/resources/sgd/{name}.npy", value.astype(np.float32))
print("wrote", len(arrays), "arrays")
