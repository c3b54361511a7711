package dev.loopscope.agent.it.workloads;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Hand-built class files, to define classes whose names javac would never accept: the JVM allows
 * any character but {@code . ; [ /} in a class name, markup, quotes, line breaks and lone
 * surrogates included. Format 49 (Java 5), so no stack map frames are needed.
 */
final class TinyClassFile {

    private static final int PUBLIC_SUPER = 0x0021;
    private static final int PUBLIC = 0x0001;

    private TinyClassFile() {
    }

    /** {@code public class NAME extends RuntimeException { public NAME(String message) { super(message); } }} */
    static byte[] exception(String internalName) {
        return build(internalName, "java/lang/RuntimeException", "(Ljava/lang/String;)V", null);
    }

    /** {@code public class NAME implements Runnable { public NAME() {} public void run() {} }} */
    static byte[] runnable(String internalName) {
        return build(internalName, "java/lang/Object", "()V", "java/lang/Runnable");
    }

    private static byte[] build(String name, String superName, String constructor, String iface) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(49);
            out.writeShort(iface == null ? 10 : 15); // constant pool count: entries + 1
            utf8(out, name);                                  // #1
            out.writeByte(7); out.writeShort(1);              // #2 Class this
            utf8(out, superName);                             // #3
            out.writeByte(7); out.writeShort(3);              // #4 Class super
            utf8(out, "<init>");                              // #5
            utf8(out, constructor);                           // #6
            out.writeByte(12); out.writeShort(5); out.writeShort(6); // #7 NameAndType
            out.writeByte(10); out.writeShort(4); out.writeShort(7); // #8 Methodref super.<init>
            utf8(out, "Code");                                // #9
            if (iface != null) {
                utf8(out, iface);                             // #10
                out.writeByte(7); out.writeShort(10);         // #11 Class interface
                utf8(out, "run");                             // #12
                utf8(out, "()V");                             // #13
                utf8(out, "unused");                          // #14
            }
            out.writeShort(PUBLIC_SUPER);
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(iface == null ? 0 : 1);
            if (iface != null) {
                out.writeShort(11);
            }
            out.writeShort(0); // fields
            out.writeShort(iface == null ? 1 : 2);
            boolean withMessage = constructor.startsWith("(L");
            // aload_0, [aload_1,] invokespecial #8, return
            byte[] init = withMessage ? new byte[] {0x2a, 0x2b, (byte) 0xb7, 0, 8, (byte) 0xb1}
                    : new byte[] {0x2a, (byte) 0xb7, 0, 8, (byte) 0xb1};
            method(out, 5, 6, withMessage ? 2 : 1, withMessage ? 2 : 1, init);
            if (iface != null) {
                method(out, 12, 13, 0, 1, new byte[] {(byte) 0xb1});
            }
            out.writeShort(0); // class attributes
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class file's own UTF-8 (modified UTF-8, as writeUTF writes it: lone surrogates are legal there). */
    private static void utf8(DataOutputStream out, String text) throws IOException {
        out.writeByte(1);
        out.writeUTF(text);
    }

    private static void method(DataOutputStream out, int name, int descriptor, int maxStack, int maxLocals, byte[] code)
            throws IOException {
        out.writeShort(PUBLIC);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1);
        out.writeShort(9);
        out.writeInt(2 + 2 + 4 + code.length + 2 + 2);
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0);
        out.writeShort(0);
    }
}
