import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes issue 9's render-server bombs into the folder given (run as a single-file program: java HostileFiles.java DIR):
 * a TIFF whose IFD points at itself, one with a loop of two, a truncated 100 MP progressive JPEG and the SVG use bomb.
 * The same files as src/test/.../stock/HostileImages, kept apart so the benchmark needs no test classes.
 */
public class HostileFiles {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("self.tif"), tiff(1));
        Files.write(dir.resolve("loop2.tif"), tiff(2));
        Files.write(dir.resolve("bomb.jpg"), truncatedProgressiveJpeg());
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
                + " width='100' height='100'><defs><rect id='l0' width='1' height='1'/>");
        for (int i = 1; i <= 10; i++) {
            s.append("<g id='l").append(i).append("'>");
            s.append(("<use xlink:href='#l" + (i - 1) + "'/>").repeat(10)).append("</g>");
        }
        Files.writeString(dir.resolve("use.svg"), s.append("</defs><use xlink:href='#l10'/></svg>").toString());
    }

    /** {@code ifds} 4x4 grey pages, the last pointing back at the first. */
    static byte[] tiff(int ifds) {
        int ifdSize = 2 + 9 * 12 + 4;
        int pixels = 8 + ifds * ifdSize;
        ByteBuffer b = ByteBuffer.allocate(pixels + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < ifds; i++) {
            b.putShort((short) 9);
            int[][] entries = {{256, 4, 4}, {257, 4, 4}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, pixels}, {277, 3, 1},
                {278, 4, 4}, {279, 4, 16}};
            for (int[] e : entries) {
                b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
                if (e[1] == 3) {
                    b.putShort((short) e[2]).putShort((short) 0);
                } else {
                    b.putInt(e[2]);
                }
            }
            b.putInt(i == ifds - 1 ? 8 : 8 + (i + 1) * ifdSize);
        }
        return b.array();
    }

    static byte[] truncatedProgressiveJpeg() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        byte[] jpeg = out.toByteArray();
        int sof = find(jpeg, 0xc2, 2);
        jpeg[sof + 5] = (byte) (10_000 >> 8);
        jpeg[sof + 6] = (byte) 10_000;
        jpeg[sof + 7] = (byte) (10_000 >> 8);
        jpeg[sof + 8] = (byte) 10_000;
        return Arrays.copyOf(jpeg, Math.min(jpeg.length, find(jpeg, 0xda, sof) + 400));
    }

    static int find(byte[] b, int marker, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new IllegalStateException("no marker " + Integer.toHexString(marker));
    }
}
