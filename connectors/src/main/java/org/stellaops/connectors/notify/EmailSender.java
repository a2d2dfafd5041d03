package org.stellaops.connectors.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail). An address the server refuses, or one that is not an address,
 * is permanent; a server that cannot be reached or fails for a while is retried.
 */
public final class EmailSender implements ChannelSender {
  private final SmtpSettings settings;
  private final Session session;

  public EmailSender(SmtpSettings settings, Duration timeout) {
    this.settings = settings;
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
    p.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
    p.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
    p.put("mail.smtp.auth", String.valueOf(settings.user().isPresent()));
    p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
    Authenticator authenticator = settings.user().isEmpty() ? null : new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(settings.user().get(), settings.password().orElse(""));
      }
    };
    this.session = Session.getInstance(p, authenticator);
  }

  @Override
  public String send(OutboxMessage message) throws DeliveryException {
    MessageRenderer.Text text = MessageRenderer.text(message.payload(), message.template());
    MimeMessage mail = new MimeMessage(session);
    try {
      mail.setFrom(new InternetAddress(settings.from(), true));
      mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.target(), true));
    } catch (AddressException e) {
      throw DeliveryException.permanent("not an e-mail address: " + e.getMessage(), e);
    } catch (MessagingException e) {
      throw DeliveryException.permanent("cannot address the message: " + e.getMessage(), e);
    }
    try {
      mail.setSubject(text.title(), "UTF-8");
      mail.setText(text.body(), "UTF-8");
      mail.setHeader("X-Stella-Delivery-Id", message.deliveryId());
      Transport.send(mail);
      return "accepted by " + settings.host() + ":" + settings.port();
    } catch (SendFailedException e) {
      if (e.getValidUnsentAddresses() != null && e.getValidUnsentAddresses().length > 0) {
        throw DeliveryException.retriable("SMTP server " + settings.host() + " did not take the message: " + e.getMessage(), e);
      }
      throw DeliveryException.permanent("SMTP server " + settings.host() + " refused " + message.target() + ": "
          + e.getMessage(), e);
    } catch (MessagingException e) {
      throw DeliveryException.retriable("cannot send through SMTP server " + settings.host() + ":" + settings.port() + ": "
          + e.getMessage(), e);
    }
  }
}
