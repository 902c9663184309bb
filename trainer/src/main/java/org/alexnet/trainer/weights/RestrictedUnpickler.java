package org.alexnet.trainer.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the pickles inside torch.save files without executing anything they name: like PyTorch's
 * own {@code weights_only=True}, only the globals a state_dict needs are allowed (OrderedDict, the
 * tensor rebuild functions, storage types), and any other global (os.system, builtins.eval...) is
 * refused with an error before it could be called. Python objects become Java values: dict ->
 * LinkedHashMap, tuple/list -> List, str -> String, int -> Long, float -> Double, bytes -> byte[].
 */
final class RestrictedUnpickler {
  private static final Set<String> STORAGE_TYPES = Set.of("FloatStorage", "DoubleStorage", "HalfStorage",
      "BFloat16Storage", "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage");
  /** Tensor classes the tar format names as type tags (never called). */
  private static final Set<String> TENSOR_TYPES = Set.of("FloatTensor", "DoubleTensor", "HalfTensor");
  private static final Object MARK = new Object();

  /** A global the pickle names and this reader allows. */
  record Global(String module, String name) {}

  /** A call of an allowed global with its arguments, kept for the caller to interpret. */
  record Call(Global function, List<Object> args) {}

  private final ByteBuffer in;
  private final Function<Object, Object> persistentLoad;
  private final List<Object> stack = new ArrayList<>();
  private final Map<Integer, Object> memo = new HashMap<>();

  private RestrictedUnpickler(ByteBuffer in, Function<Object, Object> persistentLoad) {
    this.in = in.order(ByteOrder.LITTLE_ENDIAN);
    this.persistentLoad = persistentLoad;
  }

  /**
   * Reads one pickle from the buffer's position, leaving the position after its STOP opcode.
   *
   * @param persistentLoad resolves persistent ids (torch storages); null when the pickle has none
   */
  static Object load(ByteBuffer in, Function<Object, Object> persistentLoad) throws IOException {
    try {
      return new RestrictedUnpickler(in, persistentLoad).run();
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException e) {
      throw new IOException("malformed or truncated pickle: " + e, e);
    }
  }

  private Object run() throws IOException {
    while (true) {
      int op = in.get() & 0xff;
      switch (op) {
        case 0x80 -> in.get(); // PROTO
        case 0x95 -> in.getLong(); // FRAME
        case '.' -> {
          return pop();
        }
        case '(' -> stack.add(MARK);
        case ')' -> push(new ArrayList<>());
        case ']' -> push(new ArrayList<>());
        case '}' -> push(new LinkedHashMap<>());
        case 'N' -> push(null);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'J' -> push((long) in.getInt());
        case 'K' -> push((long) (in.get() & 0xff));
        case 'M' -> push((long) (in.getShort() & 0xffff));
        case 0x8a -> push(long1(bytes(in.get() & 0xff)));
        case 'G' -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
        case 'X' -> push(new String(bytes(in.getInt()), StandardCharsets.UTF_8));
        case 0x8c -> push(new String(bytes(in.get() & 0xff), StandardCharsets.UTF_8));
        case 'T' -> push(new String(bytes(in.getInt()), StandardCharsets.ISO_8859_1)); // Python 2 str
        case 'U' -> push(new String(bytes(in.get() & 0xff), StandardCharsets.ISO_8859_1));
        case 'B' -> push(bytes(in.getInt()));
        case 'C' -> push(bytes(in.get() & 0xff));
        case 'q' -> memo.put(in.get() & 0xff, peek());
        case 'r' -> memo.put(in.getInt(), peek());
        case 0x94 -> memo.put(memo.size(), peek());
        case 'h' -> push(memo.get(in.get() & 0xff));
        case 'j' -> push(memo.get(in.getInt()));
        case 't' -> push(popToMark());
        case 0x85 -> push(new ArrayList<>(List.of(pop())));
        case 0x86 -> {
          Object b = pop();
          push(new ArrayList<>(java.util.Arrays.asList(pop(), b)));
        }
        case 0x87 -> {
          Object c = pop();
          Object b = pop();
          push(new ArrayList<>(java.util.Arrays.asList(pop(), b, c)));
        }
        case 'c' -> push(allowed(line(), line()));
        case 0x93 -> {
          String name = (String) pop();
          push(allowed((String) pop(), name));
        }
        case 'R' -> {
          List<?> args = (List<?>) pop();
          push(call(pop(), args));
        }
        case 0x81 -> { // NEWOBJ
          List<?> args = (List<?>) pop();
          push(call(pop(), args));
        }
        case 'Q' -> push(persistent(pop()));
        case 'b' -> pop(); // BUILD: state such as a state_dict's _metadata, not needed
        case 's' -> {
          Object value = pop();
          Object key = pop();
          map(peek()).put(key, value);
        }
        case 'u' -> {
          List<Object> items = popToMark();
          Map<Object, Object> map = map(peek());
          for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
          }
        }
        case 'a' -> {
          Object value = pop();
          list(peek()).add(value);
        }
        case 'e' -> {
          List<Object> items = popToMark();
          list(peek()).addAll(items);
        }
        case '0' -> pop();
        default -> throw new IOException(String.format("pickle opcode 0x%02x at byte %d is not one a state_dict uses: "
            + "refusing to load", op, in.position() - 1));
      }
    }
  }

  private Object allowed(String module, String name) throws IOException {
    boolean ok = switch (module) {
      case "collections" -> name.equals("OrderedDict");
      case "torch._utils" -> name.equals("_rebuild_tensor_v2") || name.equals("_rebuild_tensor")
          || name.equals("_rebuild_parameter");
      case "torch" -> STORAGE_TYPES.contains(name) || TENSOR_TYPES.contains(name);
      default -> false;
    };
    if (!ok) {
      throw new UnsafePickleException(module + "." + name);
    }
    return new Global(module, name);
  }

  private Object call(Object function, List<?> args) throws IOException {
    if (!(function instanceof Global g)) {
      throw new IOException("pickle calls something that is not an allowed global: " + function);
    }
    if (g.name().equals("OrderedDict")) {
      return new LinkedHashMap<>();
    }
    return new Call(g, List.copyOf(args.stream().map(a -> a == null ? "None" : a).toList()));
  }

  private Object persistent(Object id) throws IOException {
    if (persistentLoad == null) {
      throw new IOException("pickle refers to external storage, but this file has none");
    }
    return persistentLoad.apply(id);
  }

  /**
   * LONG1: a little-endian two's-complement integer; a Long when it fits (sizes, offsets), else a
   * BigInteger (the legacy format's 10-byte magic number).
   */
  private static Object long1(byte[] bytes) {
    if (bytes.length > 8) {
      byte[] bigEndian = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        bigEndian[i] = bytes[bytes.length - 1 - i];
      }
      return new java.math.BigInteger(bigEndian);
    }
    long value = bytes.length > 0 && bytes[bytes.length - 1] < 0 ? -1 : 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(Object o) {
    return (Map<Object, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** The {@code n} bytes a length field announces, checked first: a damaged length would otherwise be allocated. */
  private byte[] bytes(int n) throws IOException {
    return take(in, n, "pickle");
  }

  /** The next {@code n} bytes of {@code in}, refused as damaged when fewer are there (or {@code n} is negative). */
  static byte[] take(ByteBuffer in, long n, String what) throws IOException {
    if (n < 0 || n > in.remaining()) {
      throw new IOException(String.format("%s claims %d bytes at byte %d where %d remain: the weights file is damaged",
          what, n, in.position(), in.remaining()));
    }
    byte[] b = new byte[(int) n];
    in.get(b);
    return b;
  }

  private String line() {
    StringBuilder s = new StringBuilder();
    for (byte b = in.get(); b != '\n'; b = in.get()) {
      s.append((char) b);
    }
    return s.toString();
  }

  private void push(Object o) {
    stack.add(o);
  }

  private Object pop() {
    return stack.remove(stack.size() - 1);
  }

  private Object peek() {
    return stack.get(stack.size() - 1);
  }

  private List<Object> popToMark() {
    int mark = stack.lastIndexOf(MARK);
    List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
    stack.subList(mark, stack.size()).clear();
    return items;
  }
}
