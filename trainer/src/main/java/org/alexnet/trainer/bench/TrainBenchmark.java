package org.alexnet.trainer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.Dataset;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.data.Batch;
import org.alexnet.trainer.data.LoaderConfig;
import org.alexnet.trainer.data.ShardLoader;
import org.alexnet.trainer.data.InputNormalization;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.optim.TorchSgd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training and inference images/s of torchvision's AlexNet (224x224) for several batch sizes, next
 * to PyTorch on the same cores in the same run, and the shard loader's images/s on real shards.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  public static void run(List<Integer> batches, int iterations, String dataset, int workers, Path work, PrintStream out)
      throws IOException, InterruptedException {
    OneDnn.enable();
    int cores = Runtime.getRuntime().availableProcessors();
    Map<Integer, TorchAnchor.Rate> anchor = TorchAnchor.run(cores, iterations, batches, work);
    out.printf("train benchmark: torchvision AlexNet, 224x224, %d cores, %d timed steps per figure%n", cores, iterations);
    out.printf("  %5s  %14s %14s  %14s %14s%n", "batch", "DL4J train", "PyTorch train", "DL4J infer", "PyTorch infer");
    MultiLayerNetwork net = Arch.ALEXNET.build(AlexNetShape.TORCHVISION, 224, 1, new TorchSgd(0.01, 0.9), 1e-4);
    for (int batch : batches) {
      INDArray x = Nd4j.randn(DataType.FLOAT, batch, 3, 224, 224);
      INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 1000);
      for (int i = 0; i < batch; i++) {
        y.putScalar(i, i % 1000, 1f);
      }
      DataSet ds = new DataSet(x, y);
      double train = rate(() -> net.fit(ds), batch, iterations);
      double infer = rate(() -> net.output(x, false), batch, iterations);
      TorchAnchor.Rate torch = anchor.get(batch);
      out.printf("  %5d  %10.1f img/s %9s  %10.1f img/s %9s%n", batch, train,
          torch == null ? "n/a" : String.format("%.1f", torch.train()), infer,
          torch == null ? "n/a" : String.format("%.1f", torch.infer()));
    }
    if (anchor.isEmpty()) {
      out.println("  (PyTorch anchor not run: apt-get install python3-torch)");
    } else {
      TorchAnchor.Rate torch = anchor.values().iterator().next();
      out.printf("  (PyTorch %s, %d threads, BLAS %s)%n", torch.version(), torch.threads(), torch.blas());
      if (torch.referenceBlas()) {
        out.println("  warning: PyTorch ran on the reference BLAS, so this anchor is several times below its speed: "
            + "apt-get install libopenblas0-pthread and run the benchmark again");
      }
    }
    if (dataset != null) {
      out.printf("  loader: %.0f img/s from %s (random 224 crops + mirrors, -j %d)%n", loaderRate(dataset, workers), dataset, workers);
    }
  }

  private static double loaderRate(String uri, int workers) throws IOException {
    Dataset dataset = Dataset.open(uri);
    InputNormalization norm = InputNormalization.meanImage(dataset.meanImage(), null);
    ShardLoader loader = new ShardLoader(dataset, new LoaderConfig(Dataset.TRAIN, 64, 224, true, 0, 1024, workers, 4, 0.1), norm);
    long images = 0;
    long start = System.nanoTime();
    for (int epoch = 0; System.nanoTime() - start < 5_000_000_000L; epoch++) {
      for (Iterator<Batch> it = loader.epoch(epoch, 0); it.hasNext(); ) {
        images += it.next().size();
      }
    }
    return images / ((System.nanoTime() - start) / 1e9);
  }

  private static double rate(Runnable step, int batch, int iterations) {
    step.run(); // warm-up: allocation of workspaces, oneDNN primitives
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      step.run();
    }
    return batch * iterations / ((System.nanoTime() - start) / 1e9);
  }
}
