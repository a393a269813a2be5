// Writes a PowerPoint 97-2003 file (.ppt) with a password, using Apache POI's HSLF (CryptoAPI
// encryption), and the same deck without one. Usage: java LegacyPpt OUT_DIR
import java.io.FileOutputStream;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;

public class LegacyPpt {
  static void write(String path, String password) throws Exception {
    try (HSLFSlideShow ppt = new HSLFSlideShow()) {
      HSLFSlide slide = ppt.createSlide();
      HSLFTextBox box = slide.createTextBox();
      box.setText("Year 7 pastoral review: Grace Adebayo N845204118196, looked-after child, safeguarding plan");
      box.setAnchor(new java.awt.Rectangle(40, 40, 600, 200));
      Biff8EncryptionKey.setCurrentUserPassword(password);
      try (FileOutputStream out = new FileOutputStream(path)) {
        ppt.write(out);
      } finally {
        Biff8EncryptionKey.setCurrentUserPassword(null);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    write(args[0] + "/poi-protected-slides.ppt", "Harbour2026");
    write(args[0] + "/poi-slides.ppt", null);
  }
}
